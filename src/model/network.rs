//! Networks, subnets and ports as the pages show them.
