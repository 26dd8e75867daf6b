// Runs one coroutine to completion on a test client's private io_context, so
// clients can be written as readable coroutines yet called synchronously.
// Exceptions from the coroutine are rethrown to the caller.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace plenary::testing {

template <class T>
T run_sync(boost::asio::io_context& ioc, boost::asio::awaitable<T> op) {
    std::exception_ptr error;
    if constexpr (std::is_void_v<T>) {
        boost::asio::co_spawn(ioc, std::move(op), [&](std::exception_ptr e) { error = e; });
        ioc.restart();
        ioc.run();
        if (error) std::rethrow_exception(error);
    } else {
        std::optional<T> result;
        boost::asio::co_spawn(ioc, std::move(op), [&](std::exception_ptr e, T value) {
            error = e;
            if (!e) result.emplace(std::move(value));
        });
        ioc.restart();
        ioc.run();
        if (error) std::rethrow_exception(error);
        return std::move(*result);
    }
}

}  // namespace plenary::testing
