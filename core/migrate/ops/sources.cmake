target_sources(strata_core PRIVATE
    migrate/ops/operation.h
    migrate/ops/schemasnapshot.h
    migrate/ops/operationcompiler.h)
