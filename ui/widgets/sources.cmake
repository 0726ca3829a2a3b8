target_sources(strata_ui PRIVATE
    widgets/objecticons.h widgets/objecticons.cpp
    widgets/colortags.h widgets/colortags.cpp)
