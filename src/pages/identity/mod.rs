pub mod application_credentials;
