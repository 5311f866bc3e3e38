//! The Meridian server.

// The release build monomorphises the pages' view types here, and the deepest of them (the
// Identity tables' rows) pass rustc's default query depth.
#![recursion_limit = "512"]

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,meridian=info".into()),
        )
        .init();

    let config = match meridian::config::Config::load() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("meridian: configuration: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = meridian::server::serve(config).await {
        eprintln!("meridian: {e}");
        std::process::exit(1);
    }
}
