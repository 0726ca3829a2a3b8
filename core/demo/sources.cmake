target_sources(strata_core PRIVATE)
