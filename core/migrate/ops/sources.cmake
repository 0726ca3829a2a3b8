target_sources(strata_core PRIVATE
    migrate/ops/operation.h migrate/ops/operation.cpp
    migrate/ops/overloaded.h
    migrate/ops/schemasnapshot.h migrate/ops/schemasnapshot.cpp
    migrate/ops/snapshotedits.h migrate/ops/snapshotedits.cpp
    migrate/ops/ddltext.h migrate/ops/ddltext.cpp
    migrate/ops/operationcompiler.h migrate/ops/operationcompiler.cpp
    migrate/ops/postgresopcompiler.h migrate/ops/postgresopcompiler.cpp
    migrate/ops/sqliteopcompiler.h migrate/ops/sqliteopcompiler.cpp
    migrate/ops/sqlitetablerebuild.h migrate/ops/sqlitetablerebuild.cpp)
