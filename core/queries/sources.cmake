target_sources(strata_core PRIVATE
    queries/savedqueryfolder.h queries/savedqueryfolder.cpp
    queries/snippet.h queries/snippet.cpp)
