package ecsmock

// Stock is what a zone can still sell: by default everything is in stock,
// and tests mark a type sold out in one zone, or in every zone with "*".

// stockKey scopes a zone and type to their cloud. Alibaba keys keep the shape
// they had before there were two clouds, so existing state files still work.
func stockKey(cloud Cloud, zoneID, instanceType string) string {
	if cloud == CloudAlibaba {
		return zoneID + "|" + instanceType
	}
	return string(cloud) + ":" + zoneID + "|" + instanceType
}

func (st *state) inStock(cloud Cloud, zoneID, instanceType string) bool {
	return !st.NoStock[stockKey(cloud, zoneID, instanceType)] && !st.NoStock[stockKey(cloud, "*", instanceType)]
}

func (st *state) setStock(cloud Cloud, zoneID, instanceType string, available bool) {
	key := stockKey(cloud, zoneID, instanceType)
	if available {
		delete(st.NoStock, key)
	} else {
		st.NoStock[key] = true
	}
}
