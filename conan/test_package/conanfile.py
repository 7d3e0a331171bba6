# Consumes the Tabula package the way an application does: links tabula::core,
# runs the getting-started guide on SQLite and loads every enabled dialect by
# name through the run environment's TABULA_PLUGIN_PATH.
import os

from conan import ConanFile
from conan.tools.build import can_run
from conan.tools.cmake import CMake, CMakeToolchain, cmake_layout


class TabulaTestPackageConan(ConanFile):
    settings = "os", "arch", "compiler", "build_type"
    generators = "CMakeDeps", "VirtualRunEnv"
    test_type = "explicit"

    def requirements(self):
        self.requires(self.tested_reference_str)

    def layout(self):
        cmake_layout(self)

    def _dialects(self):
        tabula = self.dependencies[self.tested_reference_str]
        return [d for d in ("sqlite", "postgres", "mysql", "mssql")
                if tabula.options.get_safe(f"with_{d}")]

    def generate(self):
        tc = CMakeToolchain(self)
        tc.cache_variables["TABULA_TEST_DIALECTS"] = ";".join(self._dialects())
        tc.generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()

    def test(self):
        if can_run(self):
            program = os.path.join(self.cpp.build.bindir, "test_package")
            self.run(program, env="conanrun")
