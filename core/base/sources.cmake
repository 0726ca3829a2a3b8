target_sources(strata_core PRIVATE
    base/error.h base/error.cpp
    base/result.h base/quotedtext.h base/quotedtext.cpp base/isotime.h base/isotime.cpp
    base/undecodabletext.h base/undecodabletext.cpp
    base/version.h.in base/buildinfo.h base/buildinfo.cpp)
