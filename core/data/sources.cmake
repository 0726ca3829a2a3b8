target_sources(strata_core PRIVATE
    data/valuetype.h data/valuetype.cpp
    data/jsontext.h data/jsontext.cpp
    data/tableinfo.h data/tableinfo.cpp
    data/gridspec.h data/gridspec.cpp
    data/boundsql.h
    data/gridsqlbuilder.h data/gridsqlbuilder.cpp
    data/nativequery.h data/nativequery.cpp
    data/rowcache.h data/rowcache.cpp
    data/windowplanner.h data/windowplanner.cpp
    data/editbuffer.h data/editbuffer.cpp
    data/gridwriter.h data/gridwriter.cpp
    data/rowwindowmodel.h data/rowwindowmodel.cpp
    data/synthetictablemodel.h data/synthetictablemodel.cpp
    data/tablemodel.h data/tablemodel.cpp data/tablemodelfetch.cpp data/tablemodeledit.cpp
    data/tablemodelsample.cpp data/tablemodelrange.cpp data/tablemodelstructure.cpp data/viewinfo.cpp
    data/foreignkeylookup.h data/foreignkeylookup.cpp)

# Copy, export and import (core/data/io) list their own sources.
if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/io/sources.cmake)
    include(${CMAKE_CURRENT_LIST_DIR}/io/sources.cmake)
endif()
