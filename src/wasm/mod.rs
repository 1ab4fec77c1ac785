//! The JavaScript edge: converts JS values to the core's types and back, maps errors to named JS
//! `Error`s. No logic of its own.

mod batch;
mod client;
mod error;
mod input;
mod lifecycle;
mod output;
mod sign;
mod timers;
mod validate;
