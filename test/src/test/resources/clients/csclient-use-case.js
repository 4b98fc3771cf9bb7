'use strict';
// The site-to-site VPN use case through csclient 0.6.4 (npm), in singleExecutor mode: the client first calls listApis
// and sends every command whose entry says isasync === true through its job polling, the others as plain calls.
//
// Run with NODE_PATH pointing at the node_modules folder that holds csclient. The endpoint and the keys come from the
// environment: S2S_URL (http://127.0.0.1:PORT/client/api), S2S_KEY, S2S_SECRET; S2S_NAME is a name for the VPC and the
// customer gateway and S2S_PSK the pre-shared key (both may hold any of  + / = , ; * ~), S2S_CIDR the VPC's CIDR.
// Every step prints a line; the last one is "ok csclient <version>". Any failure exits non-zero.
const CloudStackClient = require('csclient');
const csclientVersion = require('csclient/package.json').version;

const env = (name) => {
    const value = process.env[name];
    if (!value) {
        throw new Error(name + ' is not set');
    }
    return value;
};

function check(condition, what) {
    if (!condition) {
        throw new Error(what);
    }
}

const step = (text) => console.log(text);

async function main() {
    const name = env('S2S_NAME');
    const psk = env('S2S_PSK');
    const cidr = env('S2S_CIDR');
    const client = new CloudStackClient({
        apiKey: env('S2S_KEY'), secretKey: env('S2S_SECRET'), baseUrl: env('S2S_URL') + '?',
        pollingTime: 200, pollingNumber: 300, singleExecutor: true,
    });
    await new Promise((resolve, reject) => {
        client.once('ready', resolve);
        client.once('error', reject);
    });
    const apis = client.__apiList;
    check(Array.isArray(apis) && apis.length > 0, 'listApis gave no api array');
    check(client.__apiCount === apis.length, 'listApis count ' + client.__apiCount + ' for ' + apis.length + ' entries');
    for (const api of apis) {
        check(typeof api.name === 'string' && typeof api.isasync === 'boolean', 'listApis entry ' + JSON.stringify(api).slice(0, 200));
    }
    const asyncCommands = ['createVPC', 'deleteVPC', 'createVpnCustomerGateway', 'updateVpnCustomerGateway', 'deleteVpnCustomerGateway',
        'createVpnGateway', 'deleteVpnGateway', 'updateVpnGateway', 'createVpnConnection', 'resetVpnConnection', 'deleteVpnConnection',
        'updateVpnConnection'];
    for (const command of asyncCommands) {
        check(client.__asyncCommands[command] === true, command + ' is not listed with isasync true');
    }
    for (const command of ['listVPCs', 'listVpnCustomerGateways', 'listVpnGateways', 'listVpnConnections', 'listZones']) {
        check(client.__asyncCommands[command] === false, command + ' is not listed with isasync false');
    }
    step('listApis: ' + apis.length + ' commands');

    const call = (command, params) => new Promise((resolve, reject) => {
        client.execute(command, params || {}, (err, result) => (err ? reject(err) : resolve(result)));
    });
    // A sync call answers the whole body; an async one the inner object of the successful queryAsyncJobResult.
    const list = async (command, params, key) => {
        const body = await call(command, params);
        const inner = body[command.toLowerCase() + 'response'];
        check(inner !== undefined, command + ' answered ' + JSON.stringify(body));
        return inner[key] || [];
    };
    const job = async (command, params, key) => {
        const result = await call(command, params);
        check(result.jobstatus === 1 && result.jobresultcode === 0, command + ' job: ' + JSON.stringify(result));
        check(result.jobresult && Object.keys(result.jobresult).length === 1 && result.jobresult[key],
            command + ' jobresult has not just ' + key + ': ' + JSON.stringify(result.jobresult));
        return result.jobresult[key];
    };

    const zone = (await list('listZones', {}, 'zone'))[0];
    const offering = (await list('listVPCOfferings', {}, 'vpcoffering'))[0];
    check(zone && offering, 'no zone or VPC offering');
    const vpc = await job('createVPC', {name: name, displaytext: name, cidr: cidr, vpcofferingid: offering.id, zoneid: zone.id}, 'vpc');
    check(vpc.name === name, 'VPC name in the job result: ' + JSON.stringify(vpc.name));
    step('vpc ' + vpc.id);

    const customer = await job('createVpnCustomerGateway', {
        name: name, gateway: '198.51.100.51', cidrlist: '192.168.30.0/24', ipsecpsk: psk, ikepolicy: 'aes128-sha1;modp1536',
        esppolicy: 'aes128-sha1;modp1536', ikelifetime: 28800, esplifetime: 3600, dpd: true,
    }, 'vpncustomergateway');
    check(customer.ipsecpsk === psk && customer.name === name, 'customer gateway in the job result: ' + JSON.stringify(customer));
    step('customer gateway ' + customer.id);
    const vpnGateway = await job('createVpnGateway', {vpcid: vpc.id}, 'vpngateway');
    check(vpnGateway.vpcid === vpc.id && typeof vpnGateway.publicip === 'string', 'VPN gateway ' + JSON.stringify(vpnGateway));
    step('vpn gateway ' + vpnGateway.id + ' on ' + vpnGateway.publicip);
    const connection = await job('createVpnConnection', {s2svpngatewayid: vpnGateway.id, s2scustomergatewayid: customer.id}, 'vpnconnection');
    check(connection.s2scustomergatewayid === customer.id && connection.publicip === vpnGateway.publicip, 'connection ' + JSON.stringify(connection));
    step('connection ' + connection.id + ' ' + connection.state);

    const customers = await list('listVpnCustomerGateways', {id: customer.id}, 'vpncustomergateway');
    check(customers.length === 1, 'listVpnCustomerGateways id=: ' + JSON.stringify(customers));
    check(customers[0].ipsecpsk === psk, 'PSK came back as ' + JSON.stringify(customers[0].ipsecpsk) + ', not ' + JSON.stringify(psk));
    check(customers[0].name === name, 'name came back as ' + JSON.stringify(customers[0].name) + ', not ' + JSON.stringify(name));
    check(customers[0].ikelifetime === 28800 && customers[0].esplifetime === 3600 && customers[0].dpd === true,
        'customer gateway ' + JSON.stringify(customers[0]));
    const byKeyword = await list('listVpnCustomerGateways', {keyword: name}, 'vpncustomergateway');
    check(byKeyword.some((c) => c.id === customer.id), 'listVpnCustomerGateways keyword= does not find ' + JSON.stringify(name));
    const vpcs = await list('listVPCs', {id: vpc.id}, 'vpc');
    check(vpcs.length === 1 && vpcs[0].name === name && vpcs[0].displaytext === name, 'listVPCs id=: ' + JSON.stringify(vpcs));
    const gateways = await list('listVpnGateways', {vpcid: vpc.id}, 'vpngateway');
    check(gateways.length === 1 && gateways[0].id === vpnGateway.id, 'listVpnGateways vpcid=: ' + JSON.stringify(gateways));

    const awaitConnected = async () => {
        const deadline = Date.now() + 30000;
        let found;
        while (Date.now() < deadline) {
            const connections = await list('listVpnConnections', {id: connection.id}, 'vpnconnection');
            check(connections.length === 1, 'listVpnConnections id=: ' + JSON.stringify(connections));
            found = connections[0];
            if (found.state === 'Connected') {
                return found;
            }
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
        throw new Error('the connection is not Connected after 30 s: ' + JSON.stringify(found));
    };
    const connected = await awaitConnected();
    check(connected.ipsecpsk === psk && connected.s2svpngatewayid === vpnGateway.id, 'listed connection ' + JSON.stringify(connected));
    step('connection Connected');
    const reset = await job('resetVpnConnection', {id: connection.id}, 'vpnconnection');
    check(reset.id === connection.id, 'reset answered ' + JSON.stringify(reset));
    await awaitConnected();
    step('reset, Connected again');

    // Error paths: a parameter error is an APIError with the answer's errorcode; a failed job one with its jobresult's.
    try {
        await call('createVpnCustomerGateway', {name: 'bad', gateway: '198.51.100.52', cidrlist: '192.168.40.0/33', ipsecpsk: psk,
            ikepolicy: 'aes128-sha1;modp1536', esppolicy: 'aes128-sha1'});
        throw new Error('a /33 cidrlist was accepted');
    } catch (e) {
        check(e.name === 'CloudstackAPIError' && e.code === 431 && /cidrlist/.test(e.message),
            'bad cidrlist gave ' + e.name + ' ' + e.code + ' ' + e.message);
        step('431: ' + e.message);
    }
    try {
        await call('deleteVpnGateway', {id: vpnGateway.id});
        throw new Error('a VPN gateway with a connection was deleted');
    } catch (e) {
        // as real CloudStack: the job fails with the parameter error's code, 431
        check(e.name === 'CloudstackAPIError' && e.code === 431 && /still related VPN connections/.test(e.message),
            'deleting a VPN gateway in use gave ' + e.name + ' ' + e.code + ' ' + e.message);
        step('431 from the job: ' + e.message);
    }

    for (const [command, id] of [['deleteVpnConnection', connection.id], ['deleteVpnGateway', vpnGateway.id],
        ['deleteVpnCustomerGateway', customer.id], ['deleteVPC', vpc.id]]) {
        const result = await call(command, {id: id});
        check(result.jobstatus === 1 && result.jobresult.success === true, command + ' ' + JSON.stringify(result));
    }
    check(!(await list('listVpnConnections', {}, 'vpnconnection')).some((c) => c.id === connection.id), 'the connection is still listed');
    check(!(await list('listVpnGateways', {}, 'vpngateway')).some((g) => g.id === vpnGateway.id), 'the VPN gateway is still listed');
    check(!(await list('listVpnCustomerGateways', {}, 'vpncustomergateway')).some((c) => c.id === customer.id),
        'the customer gateway is still listed');
    check(!(await list('listVPCs', {}, 'vpc')).some((v) => v.id === vpc.id), 'the VPC is still listed');
    step('deleted');
    step('ok csclient ' + csclientVersion);
}

main().then(() => process.exit(0), (e) => {
    console.log('FAILED: ' + (e && e.stack ? e.stack : e) + (e && e.code !== undefined ? ' (code ' + e.code + ')' : ''));
    process.exit(1);
});
