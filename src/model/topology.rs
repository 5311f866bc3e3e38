//! The network topology picture: what it is drawn from.
