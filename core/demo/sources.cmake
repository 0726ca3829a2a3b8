target_sources(strata_core PRIVATE
    demo/demodatabase.h demo/demodatabase.cpp)
