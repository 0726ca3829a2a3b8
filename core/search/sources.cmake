target_sources(strata_core PRIVATE
    search/fuzzymatch.h search/fuzzymatch.cpp
    search/nameindex.h search/nameindex.cpp
    search/namesearch.h search/namesearch.cpp
    search/nameindexreader.h search/nameindexreader.cpp
    search/nameindexcache.h search/nameindexcache.cpp
    search/searchsql.h search/searchsql.cpp
    search/valuesearch.h search/valuesearch.cpp)

# The names query of quick open, read from ":/strata/search/<dialect>/names.sql".
qt_add_resources(strata_core "strata_search_sql"
    PREFIX "/strata"
    BASE "${PROJECT_SOURCE_DIR}/resources"
    FILES
        ${PROJECT_SOURCE_DIR}/resources/search/sqlite/names.sql
        ${PROJECT_SOURCE_DIR}/resources/search/postgres/names.sql)
