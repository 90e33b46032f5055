/**
 * The container-service's side of the supervisor's keeper: output pipes held across a restart of
 * this service, and the exits of containers the supervisor reaped while it was down.
 */
package io.berth.container.keeper;
