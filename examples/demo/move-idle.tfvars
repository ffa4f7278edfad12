# Fourth apply: the split and renewals of the second, and the database and
# cache reservations moved to the zones where their instances run.
web_configurations = [
  { instance_type = "ecs.g6.xlarge", instance_amount = 1 },
  { instance_type = "ecs.g6.large", instance_amount = 2 },
]
db_years = 2
volcengine_configurations = [
  { instance_type = "ecs.g3i.xlarge", zone_id = "cn-beijing-a" },
  { instance_type = "ecs.g3i.xlarge", zone_id = "cn-beijing-a" },
]
volcengine_months = 3
db_zone           = "cn-hangzhou-i"
cache_zone        = "cn-beijing-a"
