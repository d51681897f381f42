package io.livedesk.show;

import io.livedesk.show.Command.Ack;
import io.livedesk.show.Command.AddStock;
import io.livedesk.show.Command.CancelFlash;
import io.livedesk.show.Command.CancelOrder;
import io.livedesk.show.Command.ClaimCoupon;
import io.livedesk.show.Command.Click;
import io.livedesk.show.Command.CloseLottery;
import io.livedesk.show.Command.CreateCoupon;
import io.livedesk.show.Command.CueGo;
import io.livedesk.show.Command.CueNext;
import io.livedesk.show.Command.CuePrev;
import io.livedesk.show.Command.DelistItem;
import io.livedesk.show.Command.DrawLottery;
import io.livedesk.show.Command.DropNode;
import io.livedesk.show.Command.EndShow;
import io.livedesk.show.Command.EnterLottery;
import io.livedesk.show.Command.Expire;
import io.livedesk.show.Command.IssueCoupon;
import io.livedesk.show.Command.Join;
import io.livedesk.show.Command.Leave;
import io.livedesk.show.Command.ListItem;
import io.livedesk.show.Command.LoadRunSheet;
import io.livedesk.show.Command.OpenLottery;
import io.livedesk.show.Command.PlaceOrder;
import io.livedesk.show.Command.PublishAnnouncement;
import io.livedesk.show.Command.RecordPayment;
import io.livedesk.show.Command.Reserve;
import io.livedesk.show.Command.RetractAnnouncement;
import io.livedesk.show.Command.RevertPrice;
import io.livedesk.show.Command.ScheduleFlash;
import io.livedesk.show.Command.SendNote;
import io.livedesk.show.Command.SetPrice;
import io.livedesk.show.Command.SetStock;
import io.livedesk.show.Command.StartShow;
import io.livedesk.show.Command.StopCoupon;
import io.livedesk.show.Command.Subscribe;
import io.livedesk.show.Command.SwapItem;
import java.util.Set;

/** Which role may send which command, by the command's record. */
public final class Permissions {

  private static final Set<Class<? extends Command>> CONTROL = Set.of(StartShow.class, EndShow.class,
      LoadRunSheet.class, CueGo.class, CueNext.class, CuePrev.class, SwapItem.class, ListItem.class,
      DelistItem.class, SetPrice.class, RevertPrice.class, SetStock.class, AddStock.class,
      PublishAnnouncement.class, RetractAnnouncement.class, SendNote.class, Ack.class, OpenLottery.class,
      CloseLottery.class, DrawLottery.class, ScheduleFlash.class, CancelFlash.class, CreateCoupon.class,
      IssueCoupon.class, StopCoupon.class, Command.HideComment.class, Command.PinComment.class,
      Command.UnpinComment.class, Command.ReplyComment.class, Command.MuteViewer.class, Command.BlockWords.class,
      Command.GrantApproval.class, Command.DenyApproval.class);
  private static final Set<Class<? extends Command>> PROMPTER = Set.of(Ack.class);
  private static final Set<Class<? extends Command>> HOST_CUES = Set.of(CueNext.class, CuePrev.class);
  private static final Set<Class<? extends Command>> VIEWER = Set.of(Join.class, Leave.class, Click.class,
      Subscribe.class, PlaceOrder.class, CancelOrder.class, EnterLottery.class, ClaimCoupon.class,
      Reserve.class, Command.PostComment.class);
  private static final Set<Class<? extends Command>> PAYMENT = Set.of(RecordPayment.class);
  private static final Set<Class<? extends Command>> SHOP = Set.of(SetStock.class, AddStock.class);
  private static final Set<Class<? extends Command>> SYSTEM = Set.of(Expire.class, DropNode.class);

  private Permissions() {
  }

  /** Throws FORBIDDEN unless {@code role} may send a command of this record. */
  public static void check(Actor.Role role, Class<? extends Command> command, boolean hostCanCue) {
    boolean allowed = switch (role) {
      case ADMIN, CONTROL -> CONTROL.contains(command);
      case PROMPTER, HOST -> PROMPTER.contains(command) || (hostCanCue && HOST_CUES.contains(command));
      case ANALYST -> false;
      case VIEWER -> VIEWER.contains(command);
      case PAYMENT -> PAYMENT.contains(command);
      case SHOP -> SHOP.contains(command);
      case SYSTEM -> SYSTEM.contains(command);
    };
    if (!allowed) {
      String why = (role == Actor.Role.PROMPTER || role == Actor.Role.HOST) && HOST_CUES.contains(command) ? " (host cueing is off)" : "";
      throw new ShowError(ErrorCode.FORBIDDEN,
          role.wire() + " may not send " + Vocabulary.COMMANDS.nameOf(command) + why);
    }
  }
}
