// Calls ecsmock with two independent third-party clients and prints one JSON
// line per call, so the Go test can compare what each client saw with what
// the emulator recorded.
'use strict';
const RPCClient = require('@alicloud/pop-core').RPCClient;
const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');

const host = process.env.ECSMOCK_HOST;
const accessKeyId = process.env.ECSMOCK_AK;
const accessKeySecret = process.env.ECSMOCK_SK;

function report(client, call, result, err) {
  console.log(JSON.stringify({ client, call, ok: !err, id: result, code: err ? (err.code || err.message) : '' }));
}

async function popCore(method, secret) {
  const client = new RPCClient({ accessKeyId, accessKeySecret: secret, endpoint: 'http://' + host, apiVersion: '2014-05-26' });
  try {
    const res = await client.request('PurchaseReservedInstancesOffering', {
      RegionId: 'cn-hangzhou', InstanceType: 'ecs.g6.large', ReservedInstanceName: 'pop-' + method,
      Description: 'a b*c~d/é+&=%', 'Tag.1.Key': 'via', 'Tag.1.Value': 'pop core',
    }, { method, formatParams: false });
    report('pop-core ' + method + (secret === accessKeySecret ? '' : ' wrong-secret'), 'purchase', res.ReservedInstanceIdSets.ReservedInstanceId[0]);
  } catch (err) {
    report('pop-core ' + method + (secret === accessKeySecret ? '' : ' wrong-secret'), 'purchase', '', err);
  }
}

async function acs3() {
  const config = new $OpenApiUtil.Config({ accessKeyId, accessKeySecret, endpoint: host, protocol: 'http', regionId: 'cn-hangzhou' });
  const client = new Ecs.default(config);
  try {
    const bought = await client.purchaseReservedInstancesOffering(new Ecs.PurchaseReservedInstancesOfferingRequest({
      regionId: 'cn-hangzhou', instanceType: 'ecs.g6.large', reservedInstanceName: 'acs3-client', description: 'a b*c~d/é+&=%',
      tag: [new Ecs.PurchaseReservedInstancesOfferingRequestTag({ key: 'via', value: 'ecs20140526' })],
    }));
    const id = bought.body.reservedInstanceIdSets.reservedInstanceId[0];
    report('ecs20140526', 'purchase', id);
    const described = await client.describeReservedInstances(new Ecs.DescribeReservedInstancesRequest({ regionId: 'cn-hangzhou', reservedInstanceId: [id] }));
    report('ecs20140526', 'describe', described.body.reservedInstances.reservedInstance[0].reservedInstanceId);
    await client.modifyReservedInstances(new Ecs.ModifyReservedInstancesRequest({
      regionId: 'cn-hangzhou', reservedInstanceId: ['ecsri-doesnotexist'],
      configuration: [new Ecs.ModifyReservedInstancesRequestConfiguration({ instanceType: 'ecs.g6.large', instanceAmount: 1, scope: 'Region' })],
    }));
  } catch (err) {
    report('ecs20140526', 'modify-unknown', '', err);
  }
}

(async () => {
  await popCore('GET', accessKeySecret);
  await popCore('POST', accessKeySecret);
  await popCore('GET', 'wrong');
  await acs3();
})();
