# Conan 2 recipe for Tabula: the core library, the header-only dialect SDK and one
# component per dialect plugin. Run from the repository root: conan create conan
import os
import re

from conan import ConanFile
from conan.errors import ConanInvalidConfiguration
from conan.tools.build import check_min_cppstd
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain
from conan.tools.files import copy, load, rmdir, save
from conan.tools.system import package_manager

required_conan_version = ">=2.0"

# Dialect name -> (client library requirement, its package-wide component).
# FreeTDS is not on ConanCenter: the mssql dialect uses the system's.
_CLIENTS = {
    "sqlite": ("sqlite3/[>=3.35 <4]", "sqlite3::sqlite3"),
    "postgres": ("libpq/[>=13 <18]", "libpq::libpq"),
    "mysql": ("mariadb-connector-c/[>=3.1 <4]", "mariadb-connector-c::mariadb-connector-c"),
    "mssql": (None, None),
}


class TabulaConan(ConanFile):
    name = "tabula"
    description = "Sequelize-style ORM for C++20 with SQL dialects loaded at run time"
    topics = ("orm", "sql", "database", "sqlite", "postgresql", "mysql", "mariadb")
    package_type = "library"
    settings = "os", "arch", "compiler", "build_type"
    options = {
        "shared": [True, False],
        "fPIC": [True, False],
        "with_sqlite": [True, False],
        "with_postgres": [True, False],
        "with_mysql": [True, False],
        "with_mssql": [True, False],
    }
    default_options = {
        # Dialects live next to a shared core; a static core finds them through
        # TABULA_PLUGIN_PATH, which the run environment sets.
        "shared": True,
        "fPIC": True,
        "with_sqlite": True,
        "with_postgres": True,
        "with_mysql": True,
        "with_mssql": False,
        # Tabula uses Poco's Foundation and JSON only: no Poco database
        # connectors (they would bring their own client libraries) and no OpenSSL.
        "poco/*:enable_data_sqlite": False,
        "poco/*:enable_data_postgresql": False,
        "poco/*:enable_data_mysql": False,
        "poco/*:enable_crypto": False,
        "poco/*:enable_netssl": False,
        "poco/*:enable_jwt": False,
        # Boost.DLL is header-only.
        "boost/*:header_only": True,
    }

    def set_version(self):
        # One version, the project's: read from the top-level CMakeLists.txt.
        cmakelists = load(self, os.path.join(self.recipe_folder, "..", "CMakeLists.txt"))
        self.version = re.search(r"project\(tabula VERSION ([0-9.]+)", cmakelists).group(1)

    def export_sources(self):
        # The recipe sits in conan/; the project is the folder above.
        root = os.path.join(self.recipe_folder, "..")
        for pattern in ("CMakeLists.txt", "cmake/*", "core/*", "sdk/*", "plugins/*", "tests/*"):
            copy(self, pattern, root, self.export_sources_folder)

    def config_options(self):
        if self.settings.os == "Windows":
            del self.options.fPIC

    def configure(self):
        if self.options.shared:
            self.options.rm_safe("fPIC")

    def layout(self):
        self.folders.root = ".."
        self.folders.source = "."
        build_type = str(self.settings.get_safe("build_type", default="Release")).lower()
        self.folders.build = os.path.join("build-conan", build_type)
        self.folders.generators = os.path.join(self.folders.build, "generators")

    def _dialects(self):
        return [d for d in _CLIENTS if self.options.get_safe(f"with_{d}")]

    def requirements(self):
        # Private to the shared core: its public headers include neither.
        self.requires("poco/[>=1.11 <2]")
        self.requires("boost/[>=1.74 <2]")
        for dialect in self._dialects():
            reference = _CLIENTS[dialect][0]
            if reference:
                self.requires(reference)

    def build_requirements(self):
        self.test_requires("catch2/[>=2.13 <3]")

    def validate(self):
        check_min_cppstd(self, 20)
        if not self._dialects():
            raise ConanInvalidConfiguration("enable at least one dialect (with_sqlite, ...)")

    def system_requirements(self):
        # FreeTDS comes from the system: checked, or installed with
        # tools.system.package_manager:mode=install.
        if self.options.with_mssql:
            package_manager.Apt(self).install(["freetds-dev"])
            package_manager.Dnf(self).install(["freetds-devel"])
            package_manager.Brew(self).install(["freetds"])

    def _run_tests(self):
        return not self.conf.get("tools.build:skip_test", default=False, check_type=bool)

    def generate(self):
        if self.options.with_mssql and not os.path.isdir(
            os.path.join(self.source_folder, "plugins", "mssql")
        ):
            raise ConanInvalidConfiguration("this Tabula source has no mssql dialect yet")
        tc = CMakeToolchain(self)
        tc.cache_variables["TABULA_BUILD_SHARED"] = bool(self.options.shared)
        for dialect in _CLIENTS:
            tc.cache_variables[f"TABULA_WITH_{dialect.upper()}"] = dialect in self._dialects()
        tc.cache_variables["TABULA_BUILD_EXAMPLES"] = False
        tc.cache_variables["TABULA_BUILD_TESTS"] = self._run_tests()
        tc.generate()
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()
        if self._run_tests():
            # The tests that need no database server.
            tests = "unit|conformance_sqlite" if self.options.with_sqlite else "unit"
            self.run(f'ctest --output-on-failure -R "^({tests})$"', cwd=self.build_folder,
                     env="conanrun")

    def package(self):
        cmake = CMake(self)
        cmake.install()
        # CMakeDeps and PkgConfigDeps write consumers' files from package_info().
        modules = os.path.join(self.package_folder, "lib", "cmake", "tabula-modules")
        copy(self, "TabulaDialect.cmake", os.path.join(self.source_folder, "cmake"), modules)
        rmdir(self, os.path.join(self.package_folder, "lib", "cmake", "tabula"))
        rmdir(self, os.path.join(self.package_folder, "lib", "pkgconfig"))
        # tabula_add_dialect() for consumers writing their own dialect.
        save(self, os.path.join(modules, "tabula-dialect-functions.cmake"),
             "# tabula_add_dialect() and tabula_install_dialect() for dialects built\n"
             "# against this package's SDK.\n"
             'set(TABULA_SDK_INCLUDE_DIR "${CMAKE_CURRENT_LIST_DIR}/../../../include")\n'
             'include("${CMAKE_CURRENT_LIST_DIR}/TabulaDialect.cmake")\n')

    def _client_requires(self, dialect):
        # A library declared in the profile's [platform_requires] has no package
        # and gives consumers nothing to link: it is left out (see conan/README.md).
        component = _CLIENTS[dialect][1]
        return [component] if component and self._packaged(component.split("::")[0]) else []

    def _packaged(self, name):
        dependency = self.dependencies.host.get(name)
        return dependency is not None and dependency.package_folder is not None

    def package_info(self):
        self.cpp_info.set_property("cmake_file_name", "tabula")
        self.cpp_info.set_property("cmake_target_name", "tabula::tabula")
        # pkg-config's "tabula" is the core, as in an installed prefix.
        self.cpp_info.set_property("pkg_config_name", "tabula-all")
        self.cpp_info.set_property(
            "cmake_build_modules",
            [os.path.join("lib", "cmake", "tabula-modules", "tabula-dialect-functions.cmake")],
        )

        sdk = self.cpp_info.components["sdk"]
        sdk.set_property("cmake_target_name", "tabula::sdk")
        sdk.set_property("pkg_config_name", "tabula-sdk")
        sdk.libdirs = []
        sdk.bindirs = []

        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "tabula::core")
        core.set_property("pkg_config_name", "tabula")
        core.libs = ["tabula"]
        core.requires = ["sdk"]
        for name, component in (("poco", "poco::poco_foundation"), ("poco", "poco::poco_json"),
                                ("boost", "boost::headers")):
            if self._packaged(name):
                core.requires.append(component)
        if self.settings.os in ("Linux", "FreeBSD"):
            core.system_libs = ["dl", "pthread"]

        # A dialect is a plugin loaded at run time: nothing to link, only a file.
        for dialect in self._dialects():
            plugin = self.cpp_info.components[dialect]
            plugin.set_property("cmake_target_name", f"tabula::dialect_{dialect}")
            plugin.libdirs = []
            plugin.bindirs = []
            plugin.includedirs = []
            plugin.requires = ["core"] + self._client_requires(dialect)

        self.runenv_info.prepend_path(
            "TABULA_PLUGIN_PATH", os.path.join(self.package_folder, "lib", "tabula", "dialects")
        )
