target_sources(strata_core PRIVATE
    mapping/mapping.h
    mapping/columntraits.h mapping/tabledef.h mapping/tabledef.cpp mapping/table.h
    mapping/ddlcompiler.h mapping/ddlcompiler.cpp
    mapping/metadata.h mapping/metadata.cpp mapping/metadatacatalog.cpp
    mapping/expression.h mapping/expression.cpp
    mapping/sqlcompiler.h mapping/sqlcompiler.cpp mapping/dmlcompiler.cpp
    mapping/entrytable.h mapping/flatintegermap.h mapping/identitymap.h mapping/session.h mapping/session.cpp mapping/sessionsqlite.cpp mapping/sessionpostgres.cpp mapping/sessionpostgreskeys.cpp mapping/sessionrelations.cpp mapping/unitofwork.cpp mapping/unitofworkrows.cpp mapping/unitofworkselfref.cpp
    mapping/query.h
    mapping/codegen.h mapping/codegen.cpp mapping/codegennames.cpp mapping/codegendb.cpp)
