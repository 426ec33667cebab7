import type { Metadata } from "next";
import { LiveDashboard } from "@/components/lights/LiveDashboard";
import { Simulator } from "@/components/lights/Simulator";
import { noMonitorHint } from "@/lib/lights/core/api-schema";
import { lightsState, monitorStartError } from "@/lib/lights/server/server";
import "./lights.css";

export const metadata: Metadata = {
  title: "Auto lights",
  description: "A Dash button and the phones on the network switch Philips Hue lights: a simulator of the rules, and the live monitor when the server runs one.",
};
export const dynamic = "force-dynamic";

/** Auto lights: the simulator (always) and the server's live monitor (when it runs one). */
export default function LightsPage() {
  const state = lightsState();
  const startError = monitorStartError();
  return (
    <article className="lt-page">
      <header className="intro">
        <h1>Auto lights</h1>
        <p>
          An Amazon Dash button and the household&rsquo;s phones switch Philips Hue lights. The last person to leave never has to
          think about the lights: when no phone has been seen on the Wi-Fi for 20 minutes they go off, and the first phone to
          come back switches the same ones on again. The button switches them off and on by hand.
        </p>
      </header>

      <section className="lt-section" aria-labelledby="lt-sim-title">
        <h2 id="lt-sim-title">Try the rules</h2>
        <p className="lt-muted">
          A virtual house, running in your browser with the same engine as the real monitor: send the phones out, fast-forward
          the clock, press the button. No real light is touched.
        </p>
        <Simulator />
      </section>

      <section className="lt-section" aria-labelledby="lt-live-title">
        <h2 id="lt-live-title">This server&rsquo;s monitor</h2>
        {state.running ? (
          <LiveDashboard initial={state} />
        ) : (
          <div className="lt-card lt-note" data-testid="no-monitor">
            <p>{noMonitorHint}</p>
            {startError && <p className="error-box">The monitor was asked for but did not start: {startError}</p>}
            <pre className="lt-pre">npx auto-lights --hue_bridge=192.168.1.2 --phone_mac=3c:22:fb:5a:01:02 --dash_mac=fc:a6:67:2e:90:11</pre>
            <p className="lt-small lt-muted">
              Run it without --phone_mac and --dash_mac first: it prints every new MAC address with its maker. Switch your phone to
              airplane mode and back, or press the button, and its address appears.
            </p>
          </div>
        )}
      </section>

      <section className="lt-section" aria-labelledby="lt-how">
        <h2 id="lt-how">How it works</h2>
        <p>
          A Dash button sleeps off the network; pressed, it wakes and joins the Wi-Fi, announcing itself with an ARP probe (newer
          ones with a DHCP request). Phones rejoin and renew now and then as well. The monitor listens for exactly those packets
          (libpcap with the filter <code>arp or (udp and dst port 67)</code>, or a plain DHCP listener on UDP port 67), so it
          knows which devices are around without asking them.
        </p>
        <ul>
          <li>
            <strong>Button:</strong> a packet from the button&rsquo;s MAC is a press (packets within 5 s belong to the same
            press). If the engine remembers lights it switched off, it switches exactly those on again; otherwise it remembers
            which lights are on and switches them off, one command per light, so a lamp that was already off stays off later.
          </li>
          <li>
            <strong>Leaving:</strong> any phone seen means someone is home. 20 minutes after the last phone packet (checked on a
            timer), nobody is: the lights that are on are remembered and switched off. The original author never saw his phone
            quiet for more than 13 minutes, hence 20.
          </li>
          <li>
            <strong>Coming home:</strong> the first phone seen after that switches the remembered lights back on.
          </li>
          <li>
            <strong>New devices</strong> are printed with their maker from IEEE&rsquo;s OUI registry; phones today often use a
            random, &ldquo;private&rdquo; address per network, which has no maker.
          </li>
        </ul>
        <p>
          The rules are a pure state machine (events in, light commands out, an injectable clock); the command line, this
          server&rsquo;s monitor and the simulator above all run it. Its memory lives in the database, so a restart picks up
          where it stopped, and a light stays remembered until switching it on has really worked.
        </p>
        <p className="lt-muted lt-small">
          After Douwe Osinga, &ldquo;Amazon Dash and Philips Hue&rdquo; (2017). Vendor names: IEEE MA-L registry via the oui-data
          package (BSD-2-Clause).
        </p>
      </section>
    </article>
  );
}
