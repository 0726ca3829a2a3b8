# ui/erd: the entity-relationship diagram tab (model and layout in core/erd).
find_package(Qt6 6.4 REQUIRED COMPONENTS Svg)   # Debian: qt6-svg-dev (export as SVG)
target_link_libraries(strata_ui PUBLIC strata_erd Qt6::Svg)
target_sources(strata_ui PRIVATE
    erd/tableitem.h erd/tableitem.cpp
    erd/edgeitem.h erd/edgeitem.cpp
    erd/erdscene.h erd/erdscene.cpp
    erd/erdview.h erd/erdview.cpp
    erd/erdminimap.h erd/erdminimap.cpp
    erd/erdexport.h erd/erdexport.cpp
    erd/erdtab.h erd/erdtab.cpp erd/erdtabbar.cpp erd/erdtabedit.cpp
    erd/foreignkeydialog.h erd/foreignkeydialog.cpp)
