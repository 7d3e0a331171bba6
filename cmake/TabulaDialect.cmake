# tabula_add_dialect(<name> SOURCES ... [LIBRARIES ...] [OUTPUT_DIR dir]) builds a
# dialect plugin as a loadable module named tabula-dialect-<name>-abi<major>, the
# name the core looks for on every platform; tabula_install_dialect(<name>) installs
# it where the core looks. The same file serves the source tree and, installed with
# the CMake package, dialects built out of tree against an installed SDK.

if(NOT DEFINED TABULA_SDK_INCLUDE_DIR)
  set(TABULA_SDK_INCLUDE_DIR ${CMAKE_CURRENT_LIST_DIR}/../sdk/include)
endif()
if(NOT DEFINED TABULA_DIALECT_SUBDIR)
  set(TABULA_DIALECT_SUBDIR tabula/dialects)
endif()

# The ABI major is read from the SDK header so the file name cannot drift from it.
file(STRINGS "${TABULA_SDK_INCLUDE_DIR}/tabula/sdk/dialect.h" _tabula_abi_line
  REGEX "^#define TABULA_ABI_MAJOR [0-9]+")
string(REGEX REPLACE "^#define TABULA_ABI_MAJOR ([0-9]+).*$" "\\1" TABULA_ABI_MAJOR
  "${_tabula_abi_line}")
if(NOT TABULA_ABI_MAJOR MATCHES "^[0-9]+$")
  message(FATAL_ERROR "No TABULA_ABI_MAJOR in ${TABULA_SDK_INCLUDE_DIR}/tabula/sdk/dialect.h")
endif()
unset(_tabula_abi_line)

function(tabula_add_dialect name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "SOURCES;LIBRARIES" ${ARGN})
  set(target tabula_dialect_${name})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE tabula::sdk ${ARG_LIBRARIES})
  if(NOT ARG_OUTPUT_DIR)
    # In the source tree next to libtabula, out of tree in the current build folder.
    if(DEFINED TABULA_DIALECT_BUILD_DIR)
      set(ARG_OUTPUT_DIR ${TABULA_DIALECT_BUILD_DIR})
    else()
      set(ARG_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR})
    endif()
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    SUFFIX "${CMAKE_SHARED_LIBRARY_SUFFIX}"
    OUTPUT_NAME "tabula-dialect-${name}-abi${TABULA_ABI_MAJOR}"
    LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
endfunction()

# Installs the dialect into <libdir>/tabula/dialects, the folder the core searches
# next to itself, as the install component dialect_<name> (one Debian package each).
function(tabula_install_dialect name)
  if(DEFINED TABULA_DIALECT_INSTALL_DIR)
    set(destination ${TABULA_DIALECT_INSTALL_DIR})
  elseif(DEFINED CMAKE_INSTALL_LIBDIR)
    set(destination ${CMAKE_INSTALL_LIBDIR}/${TABULA_DIALECT_SUBDIR})
  else()
    set(destination lib/${TABULA_DIALECT_SUBDIR})
  endif()
  install(TARGETS tabula_dialect_${name}
    LIBRARY DESTINATION ${destination} COMPONENT dialect_${name})
  set_property(GLOBAL APPEND PROPERTY TABULA_INSTALLED_DIALECTS ${name})
endfunction()
