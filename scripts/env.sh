# Sourced by the scripts: where the build finds its tools and how the server finds its site.
# The npm tools come first: binaryen's wasm-opt and the Tailwind v4 CLI.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$REPO_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# What cargo-leptos would set for `cargo leptos serve`, for running the binary directly.
export LEPTOS_OUTPUT_NAME=meridian
export LEPTOS_SITE_ROOT="$REPO_ROOT/target/site"
export LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_SITE_ADDR="${LEPTOS_SITE_ADDR:-127.0.0.1:3000}"
# The test cloud's state directory (see end2end/testcloud/README.md).
export MERIDIAN_TESTCLOUD_STATE="${MERIDIAN_TESTCLOUD_STATE:-/var/tmp/meridian-testcloud}"
# One-off builds (CI) gain nothing from incremental state, which takes tens of gigabytes.
if [ -n "${CI:-}" ]; then export CARGO_INCREMENTAL=0; fi
