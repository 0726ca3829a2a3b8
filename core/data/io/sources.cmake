# core/data/io: export (every format over a RowSource), copy, CSV reading and CSV import.
target_sources(strata_core PRIVATE
    data/io/exportoptions.h
    data/io/rowsource.h data/io/rowsource.cpp
    data/io/queryrowsource.h data/io/queryrowsource.cpp
    data/io/postgresrowsource.h data/io/postgresrowsource.cpp
    data/io/rowwriter.h data/io/rowwriter.cpp
    data/io/delimitedwriter.h data/io/delimitedwriter.cpp
    data/io/jsonwriter.h data/io/jsonwriter.cpp
    data/io/markdownwriter.h data/io/markdownwriter.cpp
    data/io/sqlinsertwriter.h data/io/sqlinsertwriter.cpp
    data/io/exporter.h data/io/exporter.cpp
    data/io/csvreader.h data/io/csvreader.cpp
    data/io/columntype.h data/io/columntype.cpp
    data/io/csvpreview.h data/io/csvpreview.cpp
    data/io/csvimporter.h data/io/csvimport_p.h data/io/csvimporter.cpp
    data/io/sqlitecsvimport.cpp data/io/postgrescsvimport.cpp)
