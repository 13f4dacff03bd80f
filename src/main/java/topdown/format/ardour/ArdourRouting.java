package topdown.format.ardour;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import topdown.format.UnsupportedSessionException;

import static topdown.format.xml.SafeXml.child;
import static topdown.format.xml.SafeXml.children;

/**
 * Routing edits on an Ardour session DOM: new group buses (cloned from an existing bus route, with fresh
 * ids from the session's id-counter, renamed ports, outputs to the master) and output connections of
 * tracks moved to another bus. Both ends of every connection are written, as Ardour itself saves them.
 */
final class ArdourRouting {
    private final Document doc;
    private final Element routesEl;
    private final Map<String, Element> routes;
    private long nextId;

    ArdourRouting(Document doc, Map<String, Element> routes) {
        this.doc = doc;
        this.routesEl = child(doc.getDocumentElement(), "Routes");
        this.routes = routes;
        long max = 0;
        try {
            max = Long.parseLong(doc.getDocumentElement().getAttribute("id-counter"));
        } catch (NumberFormatException e) {
            max = 0;
        }
        nextId = Math.max(max, maxId(doc.getDocumentElement())) + 1;
    }

    private static long maxId(Element e) {
        long m = 0;
        if (e.hasAttribute("id")) {
            try {
                m = Long.parseLong(e.getAttribute("id"));
            } catch (NumberFormatException ignored) {
                m = 0;
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                m = Math.max(m, maxId((Element) c));
            }
        }
        return m;
    }

    String nextId() {
        return newId();
    }

    /** The route element with this name, or null. */
    Element routeNamed(String name) {
        for (Element r : routes.values()) {
            if (r.getAttribute("name").equals(name)) {
                return r;
            }
        }
        return null;
    }

    private String newId() {
        String id = Long.toString(nextId++);
        doc.getDocumentElement().setAttribute("id-counter", Long.toString(nextId));
        return id;
    }

    Element masterRoute() {
        for (Element r : routes.values()) {
            if (ArdourReader.flags(r).contains("MasterOut")) {
                return r;
            }
        }
        throw new IllegalStateException("session without master");
    }

    String masterName() {
        return masterRoute().getAttribute("name");
    }

    private Element template() throws UnsupportedSessionException {
        for (Element r : children(routesEl, "Route")) {
            String f = ArdourReader.flags(r);
            if (!f.contains("MasterOut") && !f.contains("MonitorOut") && !ArdourReader.isTrack(r)) {
                return r;
            }
        }
        throw new UnsupportedSessionException("the session has no bus to model a new one on; create one bus in Ardour"
                + " first or write the result as .topdown.json");
    }

    /** Adds a bus route named {@code name}, output to the master, fader at {@code gain}. */
    Element addBus(String wanted, double gain) throws UnsupportedSessionException {
        Element t = template();
        // Route names are port-name prefixes: they must be unique in the session.
        String name = wanted;
        for (int k = 1; nameTaken(name); k++) {
            name = k == 1 ? wanted + " Bus" : wanted + " Bus " + k;
        }
        String old = t.getAttribute("name");
        Element b = (Element) t.cloneNode(true);
        renumber(b);
        rename(b, old, name);
        int order = 0;
        for (Element r : children(routesEl, "Route")) {
            Element pi = child(r, "PresentationInfo");
            if (pi != null) {
                try {
                    order = Math.max(order, Integer.parseInt(pi.getAttribute("order")) + 1);
                } catch (NumberFormatException ignored) {
                    order = order + 0;
                }
            }
        }
        Element pi = child(b, "PresentationInfo");
        if (pi != null) {
            pi.setAttribute("order", Integer.toString(order));
        }
        for (Element p : children(b, "Processor")) {
            if (p.getAttribute("type").equals("amp")) {
                for (Element c : children(p, "Controllable")) {
                    if (c.getAttribute("name").equals("gaincontrol")) {
                        c.setAttribute("value", Double.toString(gain));
                    }
                }
            }
            if (!List.of("amp", "trim", "main-outs", "meter", "polarity").contains(p.getAttribute("type"))) {
                b.removeChild(p); // plugins of the template bus do not belong to the new one
            }
        }
        for (Element c : children(b, "Controllable")) {
            if (c.getAttribute("name").equals("mute") || c.getAttribute("name").equals("solo")) {
                c.setAttribute("value", "0");
            }
        }
        Element mm = child(b, "MuteMaster");
        if (mm != null) {
            mm.setAttribute("muted", "0");
        }
        for (Element io : children(b, "IO")) {
            for (Element port : children(io, "Port")) {
                for (Element c : children(port, "Connection")) {
                    port.removeChild(c);
                }
            }
        }
        routesEl.appendChild(doc.createTextNode("  "));
        routesEl.appendChild(b);
        routesEl.appendChild(doc.createTextNode("\n  "));
        routes.put(b.getAttribute("id"), b);
        connectOutputs(b, masterName());
        return b;
    }

    /**
     * Adds an audio track (cloned from the session's first audio track: fresh ids, unique name) holding one
     * region of the given whole file(s): one Source per file channel (external, absolute path), a whole-file
     * region, and a playlist with the region at {@code positionSamples}. Output to the master; muted when asked.
     */
    Element addTrackWithFile(String wanted, List<topdown.model.ClipChannel> channels, long positionSamples,
                             long lengthSamples, int rate, boolean muted) throws UnsupportedSessionException {
        Element t = null;
        for (Element r : children(routesEl, "Route")) {
            if (ArdourReader.isTrack(r) && !r.getAttribute("default-type").equals("midi") && r.hasAttribute("audio-playlist")) {
                t = r;
                break;
            }
        }
        if (t == null) {
            throw new UnsupportedSessionException("the session has no Ardour 6/7 audio track to model a new one on");
        }
        String name = wanted;
        for (int k = 2; nameTaken(name); k++) {
            name = wanted + " " + k;
        }
        String old = t.getAttribute("name");
        Element tr = (Element) t.cloneNode(true);
        renumber(tr);
        rename(tr, old, name);
        for (Element p : children(tr, "Processor")) {
            String pn = p.getAttribute("name");
            if (pn.equals("player:" + old) || pn.equals("recorder:" + old)) {
                p.setAttribute("name", pn.substring(0, pn.indexOf(':') + 1) + name);
            }
            if (p.getAttribute("type").equals("amp")) {
                for (Element c : children(p, "Controllable")) {
                    if (c.getAttribute("name").equals("gaincontrol")) {
                        c.setAttribute("value", "1");
                    }
                }
            }
            if (!List.of("amp", "trim", "main-outs", "meter", "polarity", "diskreader", "diskwriter", "triggerbox")
                    .contains(p.getAttribute("type"))) {
                tr.removeChild(p);
            }
        }
        for (Element c : children(tr, "Controllable")) {
            if (c.getAttribute("name").equals("mute")) {
                c.setAttribute("value", muted ? "1" : "0");
            }
        }
        Element mm = child(tr, "MuteMaster");
        if (mm != null) {
            mm.setAttribute("muted", muted ? "1" : "0");
        }
        for (Element io : children(tr, "IO")) {
            for (Element port : children(io, "Port")) {
                for (Element c : children(port, "Connection")) {
                    port.removeChild(c);
                }
            }
        }
        Element root = doc.getDocumentElement();
        // Sources and the whole-file region.
        Element sources = child(root, "Sources");
        Element regions = child(root, "Regions");
        List<String> srcIds = new ArrayList<>();
        String len = ArdourTime.audio(lengthSamples, rate);
        for (topdown.model.ClipChannel ch : channels) {
            Element src = doc.createElement("Source");
            src.setAttribute("name", ch.source().resolved() != null ? java.nio.file.Path.of(ch.source().resolved())
                    .toAbsolutePath().toString() : ch.source().path());
            src.setAttribute("take-id", "");
            src.setAttribute("type", "audio");
            src.setAttribute("flags", "");
            String sid = newId();
            src.setAttribute("id", sid);
            src.setAttribute("natural-position", "a0");
            src.setAttribute("channel", Integer.toString(ch.channel()));
            src.setAttribute("origin", "");
            src.setAttribute("gain", "1");
            sources.appendChild(src);
            sources.appendChild(doc.createTextNode("\n    "));
            srcIds.add(sid);
        }
        Element whole = region(name, srcIds, "a0", len, true);
        if (regions != null) {
            regions.appendChild(whole);
            regions.appendChild(doc.createTextNode("\n    "));
        }
        // Playlist with the region at its position.
        Element playlists = child(root, "Playlists");
        Element pl = doc.createElement("Playlist");
        String plId = newId();
        pl.setAttribute("id", plId);
        pl.setAttribute("name", name);
        pl.setAttribute("type", "audio");
        pl.setAttribute("orig-track-id", tr.getAttribute("id"));
        pl.setAttribute("pgroup-id", "");
        pl.setAttribute("shared-with-ids", "");
        pl.setAttribute("frozen", "0");
        pl.setAttribute("combine-ops", "0");
        pl.appendChild(region(name + ".1", srcIds, ArdourTime.audio(positionSamples, rate), len, false));
        playlists.appendChild(pl);
        playlists.appendChild(doc.createTextNode("\n  "));
        tr.setAttribute("audio-playlist", plId);
        routesEl.appendChild(tr);
        routesEl.appendChild(doc.createTextNode("\n  "));
        routes.put(tr.getAttribute("id"), tr);
        connectOutputs(tr, masterName());
        return tr;
    }

    private Element region(String name, List<String> srcIds, String pos, String len, boolean wholeFile) {
        Element r = doc.createElement("Region");
        r.setAttribute("name", name);
        r.setAttribute("muted", "0");
        r.setAttribute("opaque", "1");
        r.setAttribute("locked", "0");
        r.setAttribute("whole-file", wholeFile ? "1" : "0");
        r.setAttribute("start", "a0");
        r.setAttribute("length", len + "@" + pos);
        r.setAttribute("sync-position", "a0");
        r.setAttribute("layering-index", "0");
        r.setAttribute("envelope-active", "0");
        r.setAttribute("default-fade-in", "0");
        r.setAttribute("default-fade-out", "0");
        r.setAttribute("fade-in-active", "0");
        r.setAttribute("fade-out-active", "0");
        r.setAttribute("scale-amplitude", "1");
        r.setAttribute("id", newId());
        r.setAttribute("type", "audio");
        for (int i = 0; i < srcIds.size(); i++) {
            r.setAttribute("source-" + i, srcIds.get(i));
            r.setAttribute("master-source-" + i, srcIds.get(i));
        }
        r.setAttribute("channels", Integer.toString(srcIds.size()));
        return r;
    }

    private boolean nameTaken(String name) {
        for (Element r : routes.values()) {
            if (r.getAttribute("name").equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private void renumber(Element e) {
        if (e.hasAttribute("id")) {
            e.setAttribute("id", newId());
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                renumber((Element) c);
            }
        }
    }

    private static void rename(Element e, String old, String name) {
        for (String attr : new String[] {"name", "output", "other"}) {
            if (!e.hasAttribute(attr)) {
                continue;
            }
            String v = e.getAttribute(attr);
            if (v.equals(old)) {
                e.setAttribute(attr, name);
            } else if (v.startsWith(old + "/")) {
                e.setAttribute(attr, name + v.substring(old.length()));
            } else if (v.equals("meter-" + old)) {
                e.setAttribute(attr, "meter-" + name);
            }
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.ELEMENT_NODE) {
                rename((Element) c, old, name);
            }
        }
    }

    private static List<Element> ports(Element route, String direction) {
        List<Element> out = new ArrayList<>();
        for (Element io : children(route, "IO")) {
            if (io.getAttribute("direction").equalsIgnoreCase(direction)) {
                out.addAll(children(io, "Port"));
            }
        }
        return out;
    }

    /** Reconnects a route's outputs to the inputs of route {@code toName} (null: disconnected). */
    void connectOutputs(Element route, String toName) {
        List<Element> outs = ports(route, "Output");
        List<String> outNames = new ArrayList<>();
        for (Element p : outs) {
            outNames.add(p.getAttribute("name"));
            for (Element c : children(p, "Connection")) {
                p.removeChild(c);
            }
        }
        // Remove the other ends from every route's inputs.
        for (Element r : routes.values()) {
            for (Element p : ports(r, "Input")) {
                for (Element c : children(p, "Connection")) {
                    if (outNames.contains(c.getAttribute("other"))) {
                        p.removeChild(c);
                    }
                }
            }
        }
        if (toName == null) {
            return;
        }
        Element to = null;
        for (Element r : routes.values()) {
            if (r.getAttribute("name").equals(toName)) {
                to = r;
            }
        }
        if (to == null) {
            return;
        }
        List<Element> ins = ports(to, "Input");
        for (int i = 0; i < outs.size() && !ins.isEmpty(); i++) {
            Element in = ins.get(Math.min(i, ins.size() - 1));
            Element c1 = doc.createElement("Connection");
            c1.setAttribute("other", in.getAttribute("name"));
            outs.get(i).appendChild(c1);
            Element c2 = doc.createElement("Connection");
            c2.setAttribute("other", outs.get(i).getAttribute("name"));
            in.appendChild(c2);
        }
    }
}
