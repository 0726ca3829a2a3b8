target_sources(strata_core PRIVATE
    connection/connectionprofile.h connection/connectionprofile.cpp)
