"""The site-to-site VPN use case through Apache Libcloud's CloudStack driver (Debian python3-libcloud), as a user
writes it: a VPC, a customer gateway, a VPN gateway and a connection between them, the three lists, and the deletes.

Run with /usr/bin/python3 (the Debian interpreter that has libcloud). The endpoint and the keys come from the
environment: S2S_URL (http://127.0.0.1:PORT/client/api), S2S_KEY, S2S_SECRET; S2S_NAME is a name for the VPC and
the customer gateway and S2S_PSK the pre-shared key (both may hold any of  + / = , ; * ~), S2S_CIDR the VPC's
CIDR. Every step prints a line; the last one is "ok libcloud <version>". Any failure exits non-zero.
"""
import os
import sys
import time

import libcloud
from libcloud.compute.providers import get_driver
from libcloud.common.types import ProviderError
from libcloud.compute.types import Provider


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def step(text):
    print(text, flush=True)


def main():
    url = os.environ["S2S_URL"]
    name = os.environ["S2S_NAME"]
    psk = os.environ["S2S_PSK"]
    cidr = os.environ["S2S_CIDR"]
    driver = get_driver(Provider.CLOUDSTACK)(os.environ["S2S_KEY"], os.environ["S2S_SECRET"], url=url, secure=False)

    # The driver takes the zone as an id (a location's id) and the VPC offering as an object from its own list.
    zones = driver.list_locations()
    check(len(zones) >= 1, "listZones gave no zone")
    zone = zones[0]
    offerings = driver.ex_list_vpc_offerings()
    check(len(offerings) >= 1, "listVPCOfferings gave no offering")
    offering = offerings[0]
    step("zone %s (%s), vpc offering %s (%s)" % (zone.id, zone.name, offering.id, offering.name))

    # createVPC goes through the driver's sync path: it returns the id of the first answer and does not wait for the job.
    vpc = driver.ex_create_vpc(cidr, name, name, offering, zone.id)
    check(vpc.id, "createVPC gave no id")
    step("vpc %s" % vpc.id)
    listed = [v for v in driver.ex_list_vpcs() if v.id == vpc.id]
    check(len(listed) == 1, "listVPCs does not list %s" % vpc.id)
    check(listed[0].name == name, "VPC name came back as %r, not %r" % (listed[0].name, name))
    check(listed[0].display_text == name, "VPC displaytext came back as %r" % listed[0].display_text)
    check(listed[0].cidr == cidr and listed[0].zone_id == zone.id and listed[0].vpc_offering_id == offering.id,
          "VPC fields: %r" % listed[0].__dict__)

    customer = driver.ex_create_vpn_customer_gateway(
        cidr_list="192.168.10.0/24,192.168.20.0/24", esp_policy="aes256-sha256;modp2048", gateway="198.51.100.50",
        ike_policy="aes256-sha256;modp2048", ipsec_psk=psk, dpd=True, esp_lifetime=3600, ike_lifetime=86400, name=name)
    check(customer.id, "createVpnCustomerGateway gave no id")
    check(customer.extra["name"] == name, "customer gateway name in the job result: %r" % customer.extra["name"])
    step("customer gateway %s" % customer.id)

    vpn_gateway = driver.ex_create_vpn_gateway(vpc)
    check(vpn_gateway.public_ip, "createVpnGateway gave no publicip")
    check(vpn_gateway.account and vpn_gateway.domain and vpn_gateway.domain_id, "VPN gateway owner: %r" % vpn_gateway.__dict__)
    step("vpn gateway %s on %s" % (vpn_gateway.id, vpn_gateway.public_ip))

    connection = driver.ex_create_vpn_connection(customer, vpn_gateway, passive=False)
    check(connection.passive is False, "passive came back as %r" % connection.passive)
    check(connection.state in ("Pending", "Connecting", "Connected"), "new connection in state %r" % connection.state)
    step("connection %s %s" % (connection.id, connection.state))

    # The lists, every field the driver reads with item[...], and the values as given.
    customers = [c for c in driver.ex_list_vpn_customer_gateways(id=customer.id)]
    check(len(customers) == 1 and customers[0].id == customer.id, "listVpnCustomerGateways id=: %r" % customers)
    c = customers[0]
    check(c.ipsec_psk == psk, "PSK came back as %r, not %r" % (c.ipsec_psk, psk))
    check(c.extra["name"] == name, "customer gateway name came back as %r, not %r" % (c.extra["name"], name))
    check(c.cidr_list == "192.168.10.0/24,192.168.20.0/24", "cidrlist %r" % c.cidr_list)
    check(c.gateway == "198.51.100.50", "gateway %r" % c.gateway)
    check(c.ike_policy == "aes256-sha256;modp2048" and c.esp_policy == "aes256-sha256;modp2048", "policies %r" % c.__dict__)
    check(c.extra["dpd"] is True and c.extra["ike_lifetime"] == 86400 and c.extra["esp_lifetime"] == 3600, "extra %r" % c.extra)
    check(any(x.id == customer.id for x in driver.ex_list_vpn_customer_gateways()), "the unfiltered list lacks the customer gateway")

    gateways = driver.ex_list_vpn_gateways(vpc_id=vpc.id)
    check(len(gateways) == 1 and gateways[0].id == vpn_gateway.id, "listVpnGateways vpcid=: %r" % [g.__dict__ for g in gateways])
    check(gateways[0].vpc_id == vpc.id and gateways[0].public_ip == vpn_gateway.public_ip, "VPN gateway %r" % gateways[0].__dict__)

    state = None
    deadline = time.time() + 30
    while time.time() < deadline:
        connections = driver.ex_list_vpn_connections(id=connection.id)
        check(len(connections) == 1, "listVpnConnections id=: %r" % connections)
        found = connections[0]
        check(found.vpn_customer_gateway_id == customer.id and found.vpn_gateway_id == vpn_gateway.id,
              "connection ends %r" % found.__dict__)
        check(found.passive is False, "listed passive %r" % found.passive)
        state = found.state
        if state == "Connected":
            break
        time.sleep(0.2)
    check(state == "Connected", "the connection is %r, not Connected, after 30 s" % state)
    check(len(driver.ex_list_vpn_connections(vpc_id=vpc.id)) == 1, "listVpnConnections vpcid=")
    step("connection Connected")

    # A parameter error: the driver raises ProviderError with the HTTP status (431) and the server's errortext.
    try:
        driver.ex_create_vpn_customer_gateway(cidr_list="192.168.40.0/33", esp_policy="aes128-sha1", gateway="198.51.100.52",
                                              ike_policy="aes128-sha1;modp1536", ipsec_psk=psk, name="bad")
        raise AssertionError("a /33 cidrlist was accepted")
    except ProviderError as e:
        check(e.http_code == 431 and "cidrlist" in e.value, "bad cidrlist gave %r %r" % (e.http_code, e.value))
        step("431: %s" % e.value)
    # A failed job: the driver raises a plain Exception with the job's errortext.
    try:
        driver.ex_delete_vpn_gateway(vpn_gateway)
        raise AssertionError("a VPN gateway with a connection was deleted")
    except ProviderError as e:
        raise AssertionError("deleting a VPN gateway in use was refused before its job: %r %r" % (e.http_code, e.value))
    except AssertionError:
        raise
    except Exception as e:
        check("still related VPN connections" in str(e), "deleting a VPN gateway in use gave %r" % e)
        step("failed job: %s" % e)

    check(driver.ex_delete_vpn_connection(connection) is True, "deleteVpnConnection success")
    check(driver.ex_delete_vpn_gateway(vpn_gateway) is True, "deleteVpnGateway success")
    check(driver.ex_delete_vpn_customer_gateway(customer) is True, "deleteVpnCustomerGateway success")
    check(driver.ex_delete_vpc(vpc) is True, "deleteVPC")
    check(all(x.id != customer.id for x in driver.ex_list_vpn_customer_gateways()), "the customer gateway is still listed")
    check(all(x.id != vpn_gateway.id for x in driver.ex_list_vpn_gateways()), "the VPN gateway is still listed")
    check(all(x.id != connection.id for x in driver.ex_list_vpn_connections()), "the connection is still listed")
    check(all(v.id != vpc.id for v in driver.ex_list_vpcs()), "the VPC is still listed")
    step("deleted")
    step("ok libcloud %s" % libcloud.__version__)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # the message and a non-zero exit for the JUnit test
        import traceback
        traceback.print_exc()
        print("FAILED: %s: %s" % (type(e).__name__, e), flush=True)
        sys.exit(1)
