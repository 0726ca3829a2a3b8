target_sources(strata_ui PRIVATE
    tree/objecttreemodel.h tree/objecttreemodel.cpp
    tree/objecttreeitems.h tree/objecttreeitems.cpp
    tree/objecttreepanel.h tree/objecttreepanel.cpp
    tree/objectpropertiestab.h tree/objectpropertiestab.cpp)
