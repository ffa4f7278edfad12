# Second apply: split the web RI into two, renew the database RI by a year.
web_configurations = [
  { instance_type = "ecs.g6.xlarge", instance_amount = 1 },
  { instance_type = "ecs.g6.large", instance_amount = 2 },
]
db_years = 2
