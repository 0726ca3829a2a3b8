target_sources(strata_core PRIVATE
    dialect/dialect.h dialect/dialect.cpp
    dialect/boundsql.h dialect/comparedcolumn.h
    dialect/columntype.h dialect/typenames.cpp
    dialect/sqlitedialect.h dialect/sqlitedialect.cpp
    dialect/postgresdialect.h dialect/postgresdialect.cpp)
