target_sources(strata_ui PRIVATE
    widgets/objecticons.h widgets/objecticons.cpp
    widgets/cellselection.h widgets/cellselection.cpp
    widgets/colortags.h widgets/colortags.cpp)
target_sources(strata_ui PRIVATE
    widgets/pendingwork.h widgets/pendingwork.cpp
    widgets/pendingworkguard.h widgets/pendingworkguard.cpp)
