# Second apply: split the web and batch RIs into two each, renew the
# database RI by a year and the cache RI by two months.
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
