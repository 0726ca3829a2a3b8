target_sources(strata_core PRIVATE
    base/error.h base/error.cpp
    base/result.h
    base/version.h.in base/buildinfo.h base/buildinfo.cpp)
