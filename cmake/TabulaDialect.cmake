# tabula_add_dialect(<name> SOURCES ... [LIBRARIES ...]): builds a dialect
# plugin as a loadable module named tabula-dialect-<name>-abi<major>, the
# name the core looks for on every platform.
set(TABULA_ABI_MAJOR 1)

function(tabula_add_dialect name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "SOURCES;LIBRARIES" ${ARGN})
  set(target tabula_dialect_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE tabula::sdk ${ARG_LIBRARIES})
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR ${TABULA_DIALECT_BUILD_DIR})
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    SUFFIX "${CMAKE_SHARED_LIBRARY_SUFFIX}"
    OUTPUT_NAME "tabula-dialect-${name}-abi${TABULA_ABI_MAJOR}"
    LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
endfunction()
