target_sources(strata_core PRIVATE
    catalog/catalogtypes.h catalog/catalogtypes.cpp
    catalog/catalogreader.h
    catalog/catalogjobs.h catalog/catalogjobs.cpp)
