# strata_set_warnings(<target>): the project's warning set. Warnings are bugs: fix them,
# don't silence them. STRATA_WERROR=ON (the test command sets it) makes them fatal.
function(strata_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
    if(STRATA_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
