target_sources(strata_ui PRIVATE
    queries/savedqueriesdock.h queries/savedqueriesdock.cpp)
