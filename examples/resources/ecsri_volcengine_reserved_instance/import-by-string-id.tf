import {
  to = ecsri_volcengine_reserved_instance.web
  id = "ecsri-ycq8kgnlxrb5oxtxxxxx,ecsri-ycq8kgnlxrb5oxtyyyyy"
}
