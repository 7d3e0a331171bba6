# Runs compare.js for ctest, failing with a clear message when node or the
# npm packages are missing. Variables: NODE, SCRIPT_DIR, STATEMENTS, PLUGIN.
execute_process(COMMAND ${NODE} --version RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tsql_sequelize needs Node.js ('${NODE}' did not run): "
    "install nodejs and npm, then run `npm ci` in ${SCRIPT_DIR}")
endif()
if(NOT EXISTS ${SCRIPT_DIR}/node_modules/sequelize/package.json
   OR NOT EXISTS ${SCRIPT_DIR}/node_modules/tedious/package.json)
  message(FATAL_ERROR "tsql_sequelize needs Sequelize and tedious in "
    "${SCRIPT_DIR}/node_modules: run `npm ci` in ${SCRIPT_DIR}")
endif()
if(NOT EXISTS ${PLUGIN})
  message(FATAL_ERROR "tsql_sequelize needs the SQL Server plugin ${PLUGIN}: "
    "configure with -DTABULA_WITH_MSSQL=ON and build tabula_dialect_mssql")
endif()
execute_process(COMMAND ${NODE} ${SCRIPT_DIR}/compare.js ${STATEMENTS} ${PLUGIN}
  RESULT_VARIABLE rc)
if(rc EQUAL 2)
  message(FATAL_ERROR "tsql_sequelize could not produce the statements (see above)")
elseif(NOT rc EQUAL 0)
  message(FATAL_ERROR "T-SQL differs from Sequelize's beyond tests/tsql/differences.json "
    "(exit ${rc}; the report above lists each difference)")
endif()
