// Tabula: a Sequelize-style ORM for C++20. Include this one header.
#pragma once

#include <tabula/data_types.hpp>
#include <tabula/database.hpp>
#include <tabula/errors.hpp>
#include <tabula/model.hpp>
#include <tabula/query.hpp>
#include <tabula/value.hpp>
