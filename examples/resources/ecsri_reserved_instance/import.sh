# One reserved instance, or several that form one reservation, in the provider's region:
terraform import ecsri_reserved_instance.web ecsri-bp1cx3vyxxxxxxxxxxxx,ecsri-bp15xx2yxxxxxxxxxxxx

# In another region:
terraform import ecsri_reserved_instance.web cn-beijing:ecsri-2ze53qonjxxxxxxxxxxx
