#pragma once

// std::visit over an Operation with one lambda per alternative.

namespace strata::migrate::ops {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

} // namespace strata::migrate::ops
