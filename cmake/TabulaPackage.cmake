# How Tabula is installed and consumed: the exported CMake package, the
# pkg-config file, and the Debian packages split like Debian splits SOCI.
# Included from the top-level CMakeLists.txt after every target exists.
include(CMakePackageConfigHelpers)

set(TABULA_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tabula)
get_property(TABULA_INSTALLED_DIALECTS GLOBAL PROPERTY TABULA_INSTALLED_DIALECTS)
get_target_property(_tabula_core_type tabula TYPE)
if(_tabula_core_type STREQUAL "STATIC_LIBRARY")
  set(TABULA_CORE_STATIC TRUE)
else()
  set(TABULA_CORE_STATIC FALSE)
endif()

# ---- CMake package ----------------------------------------------------------

install(EXPORT tabulaTargets NAMESPACE tabula:: DESTINATION ${TABULA_CMAKE_INSTALL_DIR}
  COMPONENT dev)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/tabulaConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/tabulaConfig.cmake
  INSTALL_DESTINATION ${TABULA_CMAKE_INSTALL_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR TABULA_DIALECT_INSTALL_DIR)
# A request is met by any release of the same major version (0.3 for 0.1),
# as the library's SONAME carries only the major too.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/tabulaConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES
  ${CMAKE_CURRENT_BINARY_DIR}/tabulaConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/tabulaConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/TabulaDialect.cmake
  DESTINATION ${TABULA_CMAKE_INSTALL_DIR} COMPONENT dev)

# ---- pkg-config ---------------------------------------------------------------

# The prefix is computed from the .pc file's own folder, so a moved prefix works.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(TABULA_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _tabula_up "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
  string(REGEX REPLACE "/$" "" _tabula_up "${_tabula_up}")
  set(TABULA_PC_PREFIX "\${pcfiledir}/${_tabula_up}")
endif()
# Only a static core needs Poco and the loader's libraries at link time.
set(TABULA_PC_LIBS_PRIVATE "-lPocoJSON -lPocoFoundation")
foreach(lib IN LISTS CMAKE_DL_LIBS)
  string(APPEND TABULA_PC_LIBS_PRIVATE " -l${lib}")
endforeach()
string(APPEND TABULA_PC_LIBS_PRIVATE " -pthread")
configure_file(${CMAKE_CURRENT_LIST_DIR}/tabula.pc.in ${CMAKE_CURRENT_BINARY_DIR}/tabula.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tabula.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

# ---- Debian packages (cpack -G DEB) -------------------------------------------

set(CPACK_PACKAGE_NAME tabula)
set(CPACK_PACKAGE_VENDOR "Tabula")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${TABULA_PACKAGE_CONTACT}")
set(CPACK_GENERATOR DEB)
# The DEB generator installs below /usr whatever prefix the build tree was
# configured for; the core finds its dialects next to itself either way.
set(CPACK_DEB_COMPONENT_INSTALL ON)
# Binaries in Debian packages are stripped, as Debian policy asks.
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

# Each component's description: its first line is the package's synopsis.
set(_tabula_lib_package libtabula${PROJECT_VERSION_MAJOR})
set(CPACK_DEBIAN_CORE_PACKAGE_NAME ${_tabula_lib_package})
set(CPACK_DEBIAN_CORE_PACKAGE_SECTION libs)
set(CPACK_COMPONENT_CORE_DISPLAY_NAME "Tabula core library")
set(CPACK_COMPONENT_CORE_DESCRIPTION
  "Sequelize-style ORM for C++20 - core library\nTabula's core holds models, the connection pool, the query generator and\nthe plugin loader. It links no database client library: install the\ndialect packages (tabula-dialect-sqlite, -postgres, -mysql) for the\ndatabases used.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libtabula-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DEPENDS core)
set(CPACK_COMPONENT_DEV_DISPLAY_NAME "Tabula development files")
set(CPACK_COMPONENT_DEV_DESCRIPTION
  "Sequelize-style ORM for C++20 - development files\nPublic headers, the CMake package (find_package(tabula)), the pkg-config\nfile, and the dialect SDK (tabula/sdk/dialect.h, dialect.hpp) with a\nskeleton dialect to start a new one from.")

set(CPACK_COMPONENTS_ALL core dev)
foreach(dialect IN LISTS TABULA_INSTALLED_DIALECTS)
  string(TOUPPER "dialect_${dialect}" _component)
  list(APPEND CPACK_COMPONENTS_ALL dialect_${dialect})
  set(CPACK_DEBIAN_${_component}_PACKAGE_NAME tabula-dialect-${dialect})
  set(CPACK_DEBIAN_${_component}_PACKAGE_SECTION libs)
  set(CPACK_COMPONENT_${_component}_DEPENDS core)
  set(CPACK_COMPONENT_${_component}_DISPLAY_NAME "Tabula ${dialect} dialect")
  set(CPACK_COMPONENT_${_component}_DESCRIPTION
    "Sequelize-style ORM for C++20 - ${dialect} dialect\nThe plugin the Tabula core loads for the '${dialect}' dialect; it links\nthat database's client library.")
endforeach()
# The development package names the dialects it can be used with.
list(TRANSFORM TABULA_INSTALLED_DIALECTS PREPEND "tabula-dialect-" OUTPUT_VARIABLE _tabula_suggests)
list(JOIN _tabula_suggests ", " CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS)

# `cpack --config CPackSourceConfig.cmake`: the sources without build trees.
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/" "/\\.cache/" "__pycache__")

include(CPack)
