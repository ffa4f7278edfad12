# One reserved instance, or several that form one reservation, in the provider's Volcengine region:
terraform import ecsri_volcengine_reserved_instance.web ecsri-ycq8kgnlxrb5oxtxxxxx,ecsri-ycq8kgnlxrb5oxtyyyyy

# In another region:
terraform import ecsri_volcengine_reserved_instance.web cn-shanghai:ecsri-ycq8kgnlxrb5oxtzzzzz
