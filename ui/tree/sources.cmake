target_sources(strata_ui PRIVATE
    tree/objecttreemodel.h tree/objecttreemodel.cpp tree/objecttreesaved.cpp
    tree/objecttreeitems.h tree/objecttreeitems.cpp
    tree/objecttreepanel.h tree/objecttreepanel.cpp
    tree/objecttreeproxy.h tree/objecttreeproxy.cpp
    tree/objectpropertiestab.h tree/objectpropertiestab.cpp
    tree/objectactions.h tree/objectactions.cpp
    tree/rowcountloader.h tree/rowcountloader.cpp
    tree/createindexdialog.h tree/createindexdialog.cpp)
