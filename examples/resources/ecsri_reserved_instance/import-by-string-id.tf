import {
  to = ecsri_reserved_instance.web
  id = "ecsri-bp1cx3vyxxxxxxxxxxxx,ecsri-bp15xx2yxxxxxxxxxxxx"
}
