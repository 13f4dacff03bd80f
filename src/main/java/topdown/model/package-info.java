/**
 * The neutral session model: immutable records linked by id.
 *
 * <p>How each format's terms map to ours:
 * <ul>
 * <li>Track: Ardour audio/MIDI Route with a diskstream; Reaper TRACK (not a folder parent); AAF
 * TimelineMobSlot with sound data; DAWproject Track with contentType audio/notes.</li>
 * <li>Bus GROUP: Ardour bus Route fed by track outputs; Reaper folder parent (ISBUS 1) or a track
 * receiving AUXRECV; DAWproject Channel role submix. Bus FX: Ardour bus fed by aux sends; DAWproject
 * role effect. MASTER: Ardour master Route; Reaper MASTER_*; DAWproject role master.</li>
 * <li>Clip: Ardour Region in a Playlist; Reaper ITEM with its active TAKE; AAF SourceClip in a
 * Sequence (fades from Transitions/OperationGroups); DAWproject Clip holding Audio.</li>
 * <li>Source: Ardour Source (one per file channel); Reaper SOURCE FILE; AAF SourceMob essence;
 * DAWproject Audio file.</li>
 * <li>Insert: Ardour Processor type=plugin; Reaper FXCHAIN entry; DAWproject Device.</li>
 * <li>Send: Ardour InternalSend; Reaper AUXRECV (stored on the receiver, modelled on the sender);
 * DAWproject Send.</li>
 * </ul>
 * Times inside the model are session sample frames (exact integers), never floating seconds.
 */
package topdown.model;
