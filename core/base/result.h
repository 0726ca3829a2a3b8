#pragma once

// Result<T>: a value or an Error, for every public core function that can fail.
// g++ 12 has no std::expected in C++20, so this is a small in-house type (in the spirit
// of Qt Creator's utils/result.h). Access to the wrong alternative is a programming error
// and asserts.

#include "error.h"

#include <utility>
#include <variant>

namespace strata {

template <typename T>
class [[nodiscard]] Result {
public:
    Result(const T &value) : m_data(std::in_place_index<0>, value) {}
    Result(T &&value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(const Error &error) : m_data(std::in_place_index<1>, error) {}
    Result(Error &&error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { Q_ASSERT(ok()); return std::get<0>(m_data); }
    const T &value() const & { Q_ASSERT(ok()); return std::get<0>(m_data); }
    T &&value() && { Q_ASSERT(ok()); return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { Q_ASSERT(!ok()); return std::get<1>(m_data); }

    T valueOr(T fallback) const { return ok() ? std::get<0>(m_data) : std::move(fallback); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(const Error &error) : m_error(error), m_ok(false) {}
    Result(Error &&error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { Q_ASSERT(!m_ok); return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

using Status = Result<void>;

} // namespace strata
