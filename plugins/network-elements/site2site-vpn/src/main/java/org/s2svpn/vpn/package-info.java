/**
 * Site-to-site VPN: the API commands, the manager, the VR element that renders and applies a router's whole S2S
 * configuration, status parsing and the connection monitor.
 */
package org.s2svpn.vpn;
