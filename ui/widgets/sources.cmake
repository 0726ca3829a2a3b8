target_sources(strata_ui PRIVATE
    widgets/objecticons.h widgets/objecticons.cpp)
